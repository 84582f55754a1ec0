-- An operator can switch an app (its credentials) off without touching its merchants:
-- every signed call of a disabled app is refused. Existing apps stay enabled.
ALTER TABLE apps ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
