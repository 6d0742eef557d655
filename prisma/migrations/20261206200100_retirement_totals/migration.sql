-- Totals per beneficiary for ICR's public retirement list, kept up to date by a trigger instead of
-- summed over every matching retirement on each visit (docs/proof.md, "Public lists").
-- One row per (beneficiary, project, vintage, UTC day, hidden-until) of the retirements whose details
-- are final (claimed, with a beneficiary): the list's filters are exactly these columns, so its totals
-- read this table, which stays small however many retirements there are.
CREATE TABLE "icr_retirement_total" (
    "key" TEXT NOT NULL,
    "beneficiary" TEXT NOT NULL,
    "projectId" UUID NOT NULL,
    "vintage" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "beneficiaryHiddenUntil" TIMESTAMP(3),
    "amount" DECIMAL(38,18) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "icr_retirement_total_pkey" PRIMARY KEY ("key")
);

CREATE FUNCTION icr_retirement_total_key(beneficiary TEXT, project UUID, vintage TEXT, day DATE, hidden TIMESTAMP(3))
RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT md5(concat_ws(chr(31), beneficiary, project::text, vintage, day::text, coalesce(hidden::text, '')))
$$;

-- Takes the old versions of the statement's retirements out of their totals and adds the new ones
-- (only those whose details are final). Per statement, grouped: a bulk insert touches each total once.
CREATE FUNCTION icr_retirement_total_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "icr_retirement_total" AS t
       SET "amount" = t."amount" - o."amount", "count" = t."count" - o."count"
      FROM (SELECT icr_retirement_total_key("beneficiary", "projectId", "vintage", "createdAt"::date,
                                            "beneficiaryHiddenUntil") AS "key",
                   sum("amount") AS "amount", count(*)::int AS "count"
              FROM old_rows
             WHERE "isClaimed" AND "beneficiary" IS NOT NULL
             GROUP BY 1) AS o
     WHERE t."key" = o."key";
    DELETE FROM "icr_retirement_total" AS t
     USING (SELECT icr_retirement_total_key("beneficiary", "projectId", "vintage", "createdAt"::date,
                                            "beneficiaryHiddenUntil") AS "key" FROM old_rows) AS o
     WHERE t."key" = o."key" AND t."count" <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "icr_retirement_total" AS t
      ("key", "beneficiary", "projectId", "vintage", "day", "beneficiaryHiddenUntil", "amount", "count")
    SELECT icr_retirement_total_key("beneficiary", "projectId", "vintage", "createdAt"::date, "beneficiaryHiddenUntil"),
           "beneficiary", "projectId", "vintage", "createdAt"::date, "beneficiaryHiddenUntil", sum("amount"), count(*)
      FROM new_rows
     WHERE "isClaimed" AND "beneficiary" IS NOT NULL
     GROUP BY "beneficiary", "projectId", "vintage", "createdAt"::date, "beneficiaryHiddenUntil"
    ON CONFLICT ("key") DO UPDATE SET "amount" = t."amount" + EXCLUDED."amount", "count" = t."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END
$$;

-- PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
CREATE TRIGGER "icr_retirement_total_insert" AFTER INSERT ON "icr_retirement"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION icr_retirement_total_apply();
CREATE TRIGGER "icr_retirement_total_update" AFTER UPDATE ON "icr_retirement"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION icr_retirement_total_apply();
CREATE TRIGGER "icr_retirement_total_delete" AFTER DELETE ON "icr_retirement"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION icr_retirement_total_apply();

-- The retirements already there.
INSERT INTO "icr_retirement_total"
  ("key", "beneficiary", "projectId", "vintage", "day", "beneficiaryHiddenUntil", "amount", "count")
SELECT icr_retirement_total_key("beneficiary", "projectId", "vintage", "createdAt"::date, "beneficiaryHiddenUntil"),
       "beneficiary", "projectId", "vintage", "createdAt"::date, "beneficiaryHiddenUntil", sum("amount"), count(*)
  FROM "icr_retirement"
 WHERE "isClaimed" AND "beneficiary" IS NOT NULL
 GROUP BY "beneficiary", "projectId", "vintage", "createdAt"::date, "beneficiaryHiddenUntil";
