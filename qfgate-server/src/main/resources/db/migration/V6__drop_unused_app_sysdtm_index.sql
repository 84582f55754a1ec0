-- No query reads transactions by app: every read goes by syssn, by merchant and out_trade_no, or
-- by merchant and time (transactions_merchant_sysdtm_syssn). The index cost every new order an
-- index insertion and its WAL for nothing.
DROP INDEX transactions_app_sysdtm;
