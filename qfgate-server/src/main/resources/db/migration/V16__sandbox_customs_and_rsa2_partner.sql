-- The embedded Alipay sandbox's customs desk: declarations it was sent (alipay.acquire.customs),
-- kept with its trades so that a restart forgets none and every node on this database answers
-- alipay.overseas.acquire.customs.query alike. A change is written only if pushes and queries
-- are still what the writer read (they only grow between pushes), so racing nodes never lose one.
CREATE TABLE sandbox_customs (
    partner_id             VARCHAR(32)  NOT NULL,
    out_request_no         VARCHAR(32)  NOT NULL,
    trade_no               VARCHAR(64)  NOT NULL,
    merchant_customs_code  VARCHAR(20)  NOT NULL,
    merchant_customs_name  VARCHAR(256) NOT NULL,
    amount_fen             BIGINT       NOT NULL CHECK (amount_fen > 0),
    customs_place          VARCHAR(20)  NOT NULL,
    sub_out_biz_no         VARCHAR(64),
    declare_no             VARCHAR(32)  NOT NULL UNIQUE,
    status                 VARCHAR(8)   NOT NULL CHECK (status IN ('INIT', 'SUCCESS', 'FAIL')),
    memo                   VARCHAR(512) NOT NULL,
    pushes                 INT          NOT NULL CHECK (pushes >= 1),
    queries                INT          NOT NULL CHECK (queries >= 0),
    modified_at            TIMESTAMP    NOT NULL,
    PRIMARY KEY (partner_id, out_request_no)
);

-- The sandbox partner may sign RSA2, as an RSA2 acquirer account does: the gateway signs its
-- requests with merchant_private_key (the sandbox checks them with merchant_public_key), and the
-- sandbox signs answers and notifications as Alipay with alipay_private_key (the gateway checks
-- them with alipay_public_key). Sandbox keys only, never a real account's: kept in the clear like
-- md5_key. Chosen with ./qfgate alipay reset --sign-type.
ALTER TABLE sandbox_partner ADD COLUMN sign_type VARCHAR(4) DEFAULT 'MD5' NOT NULL;
ALTER TABLE sandbox_partner ADD COLUMN merchant_private_key VARCHAR(4096);
ALTER TABLE sandbox_partner ADD COLUMN merchant_public_key VARCHAR(1024);
ALTER TABLE sandbox_partner ADD COLUMN alipay_private_key VARCHAR(4096);
ALTER TABLE sandbox_partner ADD COLUMN alipay_public_key VARCHAR(1024);
ALTER TABLE sandbox_partner ADD CONSTRAINT sandbox_partner_sign_type CHECK (sign_type IN ('MD5', 'RSA2'));
ALTER TABLE sandbox_partner ADD CONSTRAINT sandbox_partner_rsa2_keys CHECK (sign_type = 'MD5'
    OR (merchant_private_key IS NOT NULL AND merchant_public_key IS NOT NULL
        AND alipay_private_key IS NOT NULL AND alipay_public_key IS NOT NULL));
