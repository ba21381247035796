CREATE TABLE "report_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"accept_hours" integer NOT NULL,
	"resolve_days" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"department_unit_id" uuid NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"delivery" text DEFAULT 'sent' NOT NULL,
	"note" text,
	"reply" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"replied_by" uuid,
	"replied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_photos" (
	"report_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "report_photos_pk" PRIMARY KEY("report_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "report_supports" (
	"report_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_supports_pk" PRIMARY KEY("report_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"reporter_id" uuid NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"text_safety" text NOT NULL,
	"media_safety" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"duplicate_of" uuid,
	"rating" text,
	"support_count" integer DEFAULT 0 NOT NULL,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"due_at" timestamp with time zone,
	"auto_close_at" timestamp with time zone,
	"idempotency_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"media_safety" text DEFAULT 'passed' NOT NULL,
	"safety_trace_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_dispatches" ADD CONSTRAINT "report_dispatches_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_dispatches" ADD CONSTRAINT "report_dispatches_department_unit_id_units_id_fk" FOREIGN KEY ("department_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_dispatches" ADD CONSTRAINT "report_dispatches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_dispatches" ADD CONSTRAINT "report_dispatches_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_dispatches" ADD CONSTRAINT "report_dispatches_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supports" ADD CONSTRAINT "report_supports_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supports" ADD CONSTRAINT "report_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_category_report_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."report_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_dispatches_report_idx" ON "report_dispatches" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "report_dispatches_department_idx" ON "report_dispatches" USING btree ("department_unit_id","created_at");--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_idempotency_uq" ON "reports" USING btree ("reporter_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "reports_reporter_idx" ON "reports" USING btree ("reporter_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_unit_path_idx" ON "reports" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "reports_community_idx" ON "reports" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_feed_idx" ON "reports" USING btree ("community_id","created_at","id") WHERE "reports"."is_public";--> statement-breakpoint
CREATE INDEX "reports_open_geo_idx" ON "reports" USING btree ("category","lat","lng") WHERE "reports"."status" in ('submitted','accepted','in_progress','dispatched','reopened');--> statement-breakpoint
CREATE INDEX "reports_due_idx" ON "reports" USING btree ("due_at") WHERE "reports"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "reports_auto_close_idx" ON "reports" USING btree ("auto_close_at") WHERE "reports"."status" = 'resolved';--> statement-breakpoint
CREATE INDEX "uploads_owner_idx" ON "uploads" USING btree ("owner_id","created_at");--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_status_ck" CHECK ("status" in ('submitted','accepted','rejected','duplicate','in_progress','dispatched','resolved','confirmed','reopened','closed'));--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_safety_ck" CHECK ("text_safety" in ('passed','pending','review','rejected') AND "media_safety" in ('passed','pending','review','rejected'));--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_rating_ck" CHECK ("rating" is null or "rating" in ('满意','基本满意','不满意'));--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_escalation_ck" CHECK ("escalation_level" between 0 and 2);--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_support_count_ck" CHECK ("support_count" >= 0);--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_location_ck" CHECK ("lat" between -90 and 90 AND "lng" between -180 and 180);--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_kind_ck" CHECK ("kind" in ('before','after'));--> statement-breakpoint
ALTER TABLE "report_dispatches" ADD CONSTRAINT "report_dispatches_delivery_ck" CHECK ("delivery" in ('sent','acknowledged','replied'));--> statement-breakpoint
ALTER TABLE "report_categories" ADD CONSTRAINT "report_categories_sla_ck" CHECK ("accept_hours" > 0 AND "resolve_days" > 0);--> statement-breakpoint
INSERT INTO "report_categories" ("code", "name", "accept_hours", "resolve_days", "sort") VALUES
  ('sanitation', '环境卫生', 24, 3, 10),
  ('roads', '道路设施', 24, 7, 20),
  ('parking', '违章停车', 2, 1, 30),
  ('noise', '噪音扰民', 4, 2, 40),
  ('hazard', '安全隐患', 2, 2, 50),
  ('greenery', '绿化养护', 48, 7, 60),
  ('other', '其他', 24, 7, 70)
ON CONFLICT ("code") DO NOTHING;
