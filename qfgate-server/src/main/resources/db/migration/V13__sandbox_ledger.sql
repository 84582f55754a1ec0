-- The embedded Alipay sandbox's books, kept with the gateway's so that a restart forgets nothing
-- and every node on this database plays one and the same Alipay. Money moves by conditional
-- UPDATEs (still unpaid, balance enough, refunded amount unchanged); the CHECKs below are the
-- last line behind them.

-- The wallet's shoppers and their CNY balances, seeded with the opening balance on first start.
CREATE TABLE sandbox_buyer (
    login        VARCHAR(64) PRIMARY KEY,
    balance_fen  BIGINT      NOT NULL CHECK (balance_fen >= 0)
);

-- One trade per partner and out_trade_no: what create_forex_trade[_wap] asked for, then its state.
CREATE TABLE sandbox_trade (
    trade_no                    VARCHAR(32)  PRIMARY KEY,
    partner_id                  VARCHAR(32)  NOT NULL,
    out_trade_no                VARCHAR(64)  NOT NULL,
    wallet_token                VARCHAR(64)  NOT NULL UNIQUE,
    subject                     VARCHAR(256) NOT NULL,
    body                        VARCHAR(400),
    currency                    CHAR(3)      NOT NULL,
    total_minor                 BIGINT       NOT NULL CHECK (total_minor > 0),
    notify_url                  VARCHAR(200),
    return_url                  VARCHAR(200),
    merchant_name               VARCHAR(256) NOT NULL,
    secondary_merchant_id       VARCHAR(64),
    secondary_merchant_industry VARCHAR(4),
    product_code                VARCHAR(32),
    payment_inst                VARCHAR(16),
    validity_seconds            BIGINT       NOT NULL,
    gmt_create                  TIMESTAMP,
    -- As written ("0.9150"): answers and notifications show the rate with its scale.
    cny_rate                    VARCHAR(24)  NOT NULL,
    cny_fen                     BIGINT       NOT NULL,
    created_at                  TIMESTAMP    NOT NULL,
    expires_at                  TIMESTAMP    NOT NULL,
    status                      VARCHAR(16)  NOT NULL
        CHECK (status IN ('WAIT_BUYER_PAY', 'TRADE_FINISHED', 'TRADE_CLOSED')),
    close_reason                VARCHAR(20)  CHECK (close_reason IN ('CLOSED_BY_MERCHANT', 'EXPIRED')),
    payer_login                 VARCHAR(64)  REFERENCES sandbox_buyer (login),
    paid_at                     TIMESTAMP,
    closed_at                   TIMESTAMP,
    refunded_minor              BIGINT       NOT NULL DEFAULT 0,
    refunded_cny_fen            BIGINT       NOT NULL DEFAULT 0,
    last_change                 TIMESTAMP    NOT NULL,
    UNIQUE (partner_id, out_trade_no),
    CHECK (refunded_minor >= 0 AND refunded_minor <= total_minor),
    CHECK (refunded_cny_fen >= 0 AND refunded_cny_fen <= cny_fen)
);
CREATE INDEX sandbox_trade_due ON sandbox_trade (status, expires_at);

-- forex_refund: out_return_no is unique per partner, across its trades.
CREATE TABLE sandbox_refund (
    partner_id     VARCHAR(32)  NOT NULL,
    out_return_no  VARCHAR(64)  NOT NULL,
    trade_no       VARCHAR(32)  NOT NULL REFERENCES sandbox_trade (trade_no) ON DELETE CASCADE,
    amount_minor   BIGINT       NOT NULL CHECK (amount_minor > 0),
    cny_fen        BIGINT       NOT NULL CHECK (cny_fen >= 0),
    reason         VARCHAR(256),
    refunded_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (partner_id, out_return_no)
);
CREATE INDEX sandbox_refund_of ON sandbox_refund (trade_no);

-- Alipay's asynchronous notifications, queued with the payment. A node claims a batch until
-- lease_until; sent is what notify_verify answers.
CREATE TABLE sandbox_notice (
    notify_id        VARCHAR(40)   PRIMARY KEY,
    partner_id       VARCHAR(32)   NOT NULL,
    url              VARCHAR(200)  NOT NULL,
    params           VARCHAR(8192) NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    sent             BOOLEAN       NOT NULL DEFAULT FALSE,
    next_attempt_at  TIMESTAMP     NOT NULL,
    lease_token      VARCHAR(36),
    lease_until      TIMESTAMP,
    settled_at       TIMESTAMP
);
CREATE INDEX sandbox_notice_due ON sandbox_notice (settled_at, next_attempt_at);
