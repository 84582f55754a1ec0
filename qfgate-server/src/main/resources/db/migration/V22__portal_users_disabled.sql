-- An owner can disable a portal user: kept, for the audit log's sake, but unable to sign in.
ALTER TABLE portal_users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
