// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title ICR project credits: one contract per ICR project, one token id per issuance batch.
/// 1 tCO2e = 10^18 base units. The registry (owner) mints issuances and moves credits held in
/// registry-custodied organization addresses, but only those: any other holder (a Carbonmark
/// wallet, say) is moved only by its own key.
contract CarbonCredit is ERC1155, Ownable {
    /// 2: `moveBatch` and `retire` with a details commitment. Contracts deployed before have no
    /// `VERSION` (the call reverts): they keep the three-argument `retire` and no batch.
    uint256 public constant VERSION = 2;

    string public projectName;
    mapping(address account => bool) public isCustodial;

    event Retired(address indexed account, address indexed operator, uint256 indexed tokenId, uint256 amount);
    event CustodialSet(address indexed account, bool custodial);
    /// Emitted right after `Retired` in the same transaction: a salted hash of the retirement's
    /// canonical details (beneficiary, reason...). The salt stays off chain, in the registry's signed record.
    event DetailsBound(address indexed account, uint256 indexed tokenId, bytes32 commitment);
    /// A move of `moveBatch` that was left out (source not custodial, or balance too low); the others go on.
    event MoveSkipped(uint256 indexed index, address indexed from, uint256 indexed tokenId, uint256 amount);

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

    /// Moves many credits held in registry-custodied addresses in one transaction. A move whose
    /// source is not custodial or lacks the balance is skipped (`MoveSkipped`), so one bad move
    /// never fails the others; a receiver contract that rejects the credits reverts the whole batch.
    function moveBatch(
        address[] calldata from,
        address[] calldata to,
        uint256[] calldata tokenIds,
        uint256[] calldata amounts
    ) external onlyOwner {
        uint256 n = from.length;
        if (to.length != n || tokenIds.length != n || amounts.length != n) {
            revert ERC1155InvalidArrayLength(tokenIds.length, amounts.length);
        }
        for (uint256 i = 0; i < n; i++) {
            if (!isCustodial[from[i]] || balanceOf(from[i], tokenIds[i]) < amounts[i] || to[i] == address(0)) {
                emit MoveSkipped(i, from[i], tokenIds[i], amounts[i]);
                continue;
            }
            _safeTransferFrom(from[i], to[i], tokenIds[i], amounts[i], "");
        }
    }

    /// Burns `amount` of `tokenId` held by `account`, records the retirement on chain and binds it
    /// to a salted commitment of its details (zero when the details are not bound).
    function retire(address account, uint256 tokenId, uint256 amount, bytes32 detailsCommitment) external {
        if (account != _msgSender() && !isApprovedForAll(account, _msgSender())) {
            revert ERC1155MissingApprovalForAll(_msgSender(), account);
        }
        _burn(account, tokenId, amount);
        emit Retired(account, _msgSender(), tokenId, amount);
        if (detailsCommitment != bytes32(0)) emit DetailsBound(account, tokenId, detailsCommitment);
    }

    function isApprovedForAll(address account, address operator) public view override returns (bool) {
        if (operator == owner() && isCustodial[account]) return true;
        return super.isApprovedForAll(account, operator);
    }
}
