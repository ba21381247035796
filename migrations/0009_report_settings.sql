CREATE TABLE "report_category_settings" (
	"community_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"accept_hours" integer NOT NULL,
	"resolve_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_category_settings_pk" PRIMARY KEY("community_id","code"),
	CONSTRAINT "report_category_settings_sla_ck" CHECK ("report_category_settings"."accept_hours" > 0 AND "report_category_settings"."resolve_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "report_departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"contact" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_categories" ADD COLUMN "community_id" uuid;--> statement-breakpoint
ALTER TABLE "report_category_settings" ADD CONSTRAINT "report_category_settings_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_category_settings" ADD CONSTRAINT "report_category_settings_code_report_categories_code_fk" FOREIGN KEY ("code") REFERENCES "public"."report_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_category_settings" ADD CONSTRAINT "report_category_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_departments" ADD CONSTRAINT "report_departments_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_departments" ADD CONSTRAINT "report_departments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_departments_name_uq" ON "report_departments" USING btree ("community_id","name");--> statement-breakpoint
ALTER TABLE "report_categories" ADD CONSTRAINT "report_categories_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_categories_community_idx" ON "report_categories" USING btree ("community_id") WHERE "report_categories"."community_id" is not null;