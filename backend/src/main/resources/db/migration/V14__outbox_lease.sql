-- The relay leases the rows it is publishing instead of holding them locked in an open transaction:
-- a transaction open while the broker (or the in-process projectors) acknowledge would hold back
-- every device's pull, which never delivers past the oldest running transaction. A lease that
-- runs out (a relay that died) lets another instance take the rows again.
ALTER TABLE outbox ADD COLUMN lease_owner text, ADD COLUMN lease_until timestamptz;
