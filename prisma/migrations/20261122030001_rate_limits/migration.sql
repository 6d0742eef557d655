-- CreateTable: rate-limiter-flexible's PostgreSQL store (RateLimiterPostgres with tableCreated: true)
CREATE TABLE "cm_rate_limit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "cm_rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "icr_rate_limit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "icr_rate_limit_pkey" PRIMARY KEY ("key")
);
