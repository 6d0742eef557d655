import { icrClient } from "@/lib/icr/client";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import {
  ZIcrPdf,
  ZIcrRetirement,
  ZIcrRetirementList,
  ZRetirementPage,
  type TIcrSignedRetirementData,
} from "@/lib/icr/retirement-schemas";

const id = (s: string) => encodeURIComponent(s);

/** The exact text the retiree signs (EIP-191) for POST /retirements/finalize. */
export function finalizeMessage(d: TIcrSignedRetirementData): string {
  return `${d.beneficiary};;${d.comment};;${d.reason};;${d.projectAddress};;${d.tokenId}`;
}

/** GET /retirements/list?skip=&first= (any access token): every retirement, newest first. */
export function listRetirements(
  opts: { token: string; skip: number; first: number },
  client: IcrHttpClient = icrClient(),
) {
  const page = ZRetirementPage.parse({ skip: opts.skip, first: opts.first });
  return client.request({
    method: "GET",
    path: `/retirements/list?skip=${page.skip}&first=${page.first}`,
    auth: opts.token,
    schema: ZIcrRetirementList,
  });
}

/** GET /retirements?id= (any access token): one retirement. */
export function getRetirement(opts: { token: string; id: string }, client: IcrHttpClient = icrClient()) {
  return client.request({
    method: "GET",
    path: `/retirements?id=${id(opts.id)}`,
    auth: opts.token,
    schema: ZIcrRetirement,
  });
}

/** GET /retirements/{id}/pdf (any access token): the certificate of a claimed retirement. */
export function getRetirementPdf(opts: { token: string; id: string }, client: IcrHttpClient = icrClient()) {
  return client.request({
    method: "GET",
    path: `/retirements/${id(opts.id)}/pdf`,
    auth: opts.token,
    schema: ZIcrPdf,
    responseType: "bytes",
    timeoutMs: 20_000,
  });
}

/**
 * POST /retirements/finalize (any access token): sets beneficiary, reason and comment of the
 * signer's on-chain retirement. ICR accepts it once; a repeat answers 409, so it is never retried here.
 */
export function finalizeRetirement(
  opts: {
    token: string;
    signer: string;
    signature: string;
    signedData: TIcrSignedRetirementData;
    /** sandbox extension: the salt of the commitment the burn bound (docs/icr-contract.md) */
    commitmentSalt?: string;
    /** sandbox extension: public pages omit the beneficiary until then */
    hideBeneficiaryUntil?: string;
  },
  client: IcrHttpClient = icrClient(),
) {
  return client.request({
    method: "POST",
    path: "/retirements/finalize",
    auth: opts.token,
    body: {
      signer: opts.signer,
      signature: opts.signature,
      signedData: opts.signedData,
      ...(opts.commitmentSalt ? { commitmentSalt: opts.commitmentSalt } : {}),
      ...(opts.hideBeneficiaryUntil ? { hideBeneficiaryUntil: opts.hideBeneficiaryUntil } : {}),
    },
    schema: ZIcrRetirement,
    timeoutMs: 20_000,
  });
}
