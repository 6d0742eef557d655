import { z } from "zod";

const ZDay = z.iso.date({ message: "Use a date such as 2026-01-31" });

/** A statement's period: whole UTC days, both ends included; either end may be left open. */
export const ZStatementPeriodFields = { from: ZDay.optional(), to: ZDay.optional() };
export type TStatementPeriod = { from?: string; to?: string };

/** Refuses a period that ends before it starts. */
export function periodInOrder(p: TStatementPeriod): boolean {
  return !p.from || !p.to || p.from <= p.to;
}
export const PERIOD_ORDER_ISSUE = { message: "The period ends before it starts", path: ["to"] };

export const ZStatementFormat = z.enum(["csv", "json"], { message: "The format is csv or json" });

/** Prisma's where on createdAt for the period ([from 00:00, the day after `to` 00:00) UTC). */
export function periodWhere(p: TStatementPeriod): { gte?: Date; lt?: Date } {
  const where: { gte?: Date; lt?: Date } = {};
  if (p.from) where.gte = new Date(`${p.from}T00:00:00.000Z`);
  if (p.to) where.lt = new Date(new Date(`${p.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return where;
}
