-- Client keys and the Alipay keys are stored encrypted from V10 on ("v1:" and the base64 of
-- Tink's AES-GCM output: a 5-byte key id, a 12-byte nonce and a 16-byte tag around the plaintext),
-- about 4/3 of the plaintext and 50 characters more.
ALTER TABLE apps ALTER COLUMN client_key SET DATA TYPE VARCHAR(256);
ALTER TABLE alipay_settings ALTER COLUMN md5_key SET DATA TYPE VARCHAR(256);
ALTER TABLE alipay_settings ALTER COLUMN rsa_private_key SET DATA TYPE VARCHAR(8192);
