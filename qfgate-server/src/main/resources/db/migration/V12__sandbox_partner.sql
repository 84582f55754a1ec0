-- The embedded Alipay sandbox's own partner account, made per database on first start. It is kept
-- apart from alipay_settings (the real acquirer account) so that the sandbox never signs with,
-- and is never mounted beside, a partner that can move real money.
CREATE TABLE sandbox_partner (
    id       INT         PRIMARY KEY CHECK (id = 1),
    partner  VARCHAR(16) NOT NULL,
    md5_key  VARCHAR(64) NOT NULL
);
