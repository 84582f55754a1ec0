-- Refunds are transactions of their own (order_type 'refund', orig_syssn = the payment).
-- A payment keeps the running total of its refunds that are done or in flight: reserving a
-- refund is one conditional update of this column, and the CHECK makes over-refunding
-- impossible whatever the code does.
ALTER TABLE transactions ADD COLUMN refunded_amount BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE transactions ADD CONSTRAINT transactions_refunded_within
    CHECK (refunded_amount >= 0 AND refunded_amount <= txamt);

-- Why a transaction failed (a refund the channel refused), for the merchant.
ALTER TABLE transactions ADD COLUMN errmsg VARCHAR(256);

-- The merchant's remark (POST /trade/v1/add_note).
ALTER TABLE transactions ADD COLUMN note VARCHAR(200);

CREATE INDEX transactions_orig ON transactions (orig_syssn);
CREATE INDEX transactions_merchant_sysdtm ON transactions (merchant_id, sysdtm);
