// SPDX-License-Identifier: MIT
// Test fixture: CarbonCredit as deployed before version 2 (no VERSION, no moveBatch), compiled by lib/testing/carbon-credit-v1.ts.
pragma solidity ^0.8.24;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title ICR project credits: one contract per ICR project, one token id per issuance batch.
/// 1 tCO2e = 10^18 base units. The registry (owner) mints issuances and moves credits held in
/// registry-custodied organization addresses, but only those: any other holder (a Carbonmark
/// wallet, say) is moved only by its own key.
contract CarbonCredit is ERC1155, Ownable {
    string public projectName;
    mapping(address account => bool) public isCustodial;

    event Retired(address indexed account, address indexed operator, uint256 indexed tokenId, uint256 amount);
    event CustodialSet(address indexed account, bool custodial);

    constructor(string memory name_, string memory uri_, address registry) ERC1155(uri_) Ownable(registry) {
        projectName = name_;
    }

    function setCustodial(address[] calldata accounts, bool custodial) external onlyOwner {
        for (uint256 i = 0; i < accounts.length; i++) {
            isCustodial[accounts[i]] = custodial;
            emit CustodialSet(accounts[i], custodial);
        }
    }

    function mint(address to, uint256 tokenId, uint256 amount) external onlyOwner {
        _mint(to, tokenId, amount, "");
    }

    /// Burns `amount` of `tokenId` held by `account` and records the retirement on chain.
    function retire(address account, uint256 tokenId, uint256 amount) external {
        if (account != _msgSender() && !isApprovedForAll(account, _msgSender())) {
            revert ERC1155MissingApprovalForAll(_msgSender(), account);
        }
        _burn(account, tokenId, amount);
        emit Retired(account, _msgSender(), tokenId, amount);
    }

    function isApprovedForAll(address account, address operator) public view override returns (bool) {
        if (operator == owner() && isCustodial[account]) return true;
        return super.isApprovedForAll(account, operator);
    }
}
