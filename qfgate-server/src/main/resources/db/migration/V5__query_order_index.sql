-- Queries list a merchant's transactions newest first (ORDER BY sysdtm DESC, syssn DESC) a page
-- at a time. With syssn in the index the database can read a page backwards from the end of
-- the window instead of sorting the window's rows by the tie-breaker.
CREATE INDEX transactions_merchant_sysdtm_syssn ON transactions (merchant_id, sysdtm, syssn);
DROP INDEX transactions_merchant_sysdtm;
