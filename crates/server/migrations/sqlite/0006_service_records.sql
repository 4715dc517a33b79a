-- Synced records that every household sees: the service's course catalogue now, and later its
-- groups, contacts and rates. The same shape as records, without a household; a pull brings a
-- carer's household records and these together, in change-number order.
CREATE TABLE service_records (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    body TEXT,
    change INTEGER NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE INDEX service_records_by_change ON service_records (change);
