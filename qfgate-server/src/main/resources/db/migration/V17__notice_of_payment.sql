-- A refund's notice names the payment it refunds, so that the outbox can hold it back while the
-- payment's own notice is pending (the merchant hears of a payment before its refunds) with one
-- lookup on notifications' unique syssn, and no join through transactions, whose size grows
-- without bound while the pending notices stay few. NULL for payments' notices.
ALTER TABLE notifications ADD COLUMN orig_syssn CHAR(26);
UPDATE notifications SET orig_syssn = (SELECT t.orig_syssn FROM transactions t WHERE t.syssn = notifications.syssn)
WHERE notify_type = 'refund';
