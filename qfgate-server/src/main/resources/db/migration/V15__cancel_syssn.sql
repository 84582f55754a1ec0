-- A cancel (reversal/close) answers with a syssn of its own, as QFPay's example does, and the
-- same one when repeated: it is stored on the payment it closed. Numbers come from syssn_seq, so
-- they never collide with a transaction's; NULL until the payment is cancelled (and for orders
-- closed before this column, until their cancel is next asked about).
ALTER TABLE transactions ADD COLUMN cancel_syssn CHAR(26);
CREATE UNIQUE INDEX transactions_cancel_syssn ON transactions (cancel_syssn);
