-- What the channel reports when a payment succeeds, besides chnlsn/cardcd/paydtm.
ALTER TABLE transactions ADD COLUMN exchange_rate VARCHAR(32);
ALTER TABLE transactions ADD COLUMN cash_fee BIGINT;
ALTER TABLE transactions ADD COLUMN cash_fee_type CHAR(3);

-- The expiry sweep looks for pending orders by due time.
CREATE INDEX transactions_pending_expiry ON transactions (respcd, expires_at);
