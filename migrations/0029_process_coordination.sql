CREATE TABLE "cache_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduler_turns" (
	"job" text PRIMARY KEY NOT NULL,
	"tick" bigint NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"taken_by" text NOT NULL
);
--> statement-breakpoint
-- Any change to the report categories, however made, moves the catalog's version in its own transaction (reports.catalog.ts).
CREATE FUNCTION "bump_report_categories_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "cache_versions" ("name", "version") VALUES ('report_categories', 1)
  ON CONFLICT ("name") DO UPDATE SET "version" = "cache_versions"."version" + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "report_categories_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "report_categories"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_report_categories_version"();--> statement-breakpoint
CREATE TRIGGER "report_category_settings_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "report_category_settings"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_report_categories_version"();
