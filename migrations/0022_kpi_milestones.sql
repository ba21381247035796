ALTER TABLE "reports" ADD COLUMN "accept_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "resolve_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "report_dispatches_community_idx" ON "report_dispatches" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "points_entries_community_at_idx" ON "points_entries" USING btree ("community_id","at");--> statement-breakpoint
-- backfill the milestones of existing reports from their timelines and their categories' SLAs (the community's own setting first)
UPDATE "reports" r SET "accept_due_at" = r."created_at" + make_interval(hours => coalesce(
  (SELECT s."accept_hours" FROM "report_category_settings" s WHERE s."community_id" = r."community_id" AND s."code" = r."category"),
  (SELECT c."accept_hours" FROM "report_categories" c WHERE c."code" = r."category")));--> statement-breakpoint
UPDATE "reports" r SET "responded_at" = e.responded, "resolved_at" = e.resolved, "escalated_at" = e.escalated,
  "resolve_due_at" = e.accepted + make_interval(days => coalesce(
    (SELECT s."resolve_days" FROM "report_category_settings" s WHERE s."community_id" = r."community_id" AND s."code" = r."category"),
    (SELECT c."resolve_days" FROM "report_categories" c WHERE c."code" = r."category")))
FROM (SELECT "report_id",
    min("at") FILTER (WHERE "action" IN ('accept', 'reject', 'mark_duplicate')) AS responded,
    min("at") FILTER (WHERE "action" = 'accept') AS accepted,
    min("at") FILTER (WHERE "action" = 'resolve') AS resolved,
    min("at") FILTER (WHERE "action" = 'escalate') AS escalated
  FROM "report_events" GROUP BY "report_id") e
WHERE e."report_id" = r."id";
