-- mpp schema 8: the report for people (reports.md "For the people who read it"). The report
-- tallies count what was received by channel (data.md `channel`), so that the monthly report
-- shows counter, online and outreach per service, agency and MPP from the same few rows.
-- received_counter + received_online + received_outreach = received on every row.

ALTER TABLE report_day ADD COLUMN received_counter INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_day ADD COLUMN received_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_day ADD COLUMN received_outreach INTEGER NOT NULL DEFAULT 0;

-- An existing database: one grouped pass over the applications that count (not void).
CREATE TEMP TABLE report_channel AS
SELECT service_id, submitted_on AS day,
       sum(channel = 'counter') AS counter,
       sum(channel = 'online') AS online,
       sum(channel = 'outreach') AS outreach
FROM application WHERE voided_at IS NULL GROUP BY service_id, submitted_on;

UPDATE report_day SET received_counter = c.counter, received_online = c.online,
                      received_outreach = c.outreach
FROM temp.report_channel c WHERE c.service_id = report_day.service_id AND c.day = report_day.day;

DROP TABLE temp.report_channel;
