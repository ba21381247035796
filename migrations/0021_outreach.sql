CREATE TABLE "outreach_attendance" (
	"session_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"user_id" uuid,
	"channel" text NOT NULL,
	"marked_by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "outreach_attendance_pk" PRIMARY KEY("session_id","household_id"),
	CONSTRAINT "outreach_attendance_channel_known" CHECK ("outreach_attendance"."channel" IN ('roster','code'))
);
--> statement-breakpoint
CREATE TABLE "outreach_plans" (
	"community_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"themes" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outreach_plans_pk" PRIMARY KEY("community_id","quarter"),
	CONSTRAINT "outreach_plans_quarter_format" CHECK ("outreach_plans"."quarter" ~ '^[0-9]{4}Q[1-4]$')
);
--> statement-breakpoint
CREATE TABLE "outreach_session_photos" (
	"session_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "outreach_session_photos_pk" PRIMARY KEY("session_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "outreach_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"quarter" text NOT NULL,
	"theme" text NOT NULL,
	"speaker" text NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"record" text,
	"check_in_code" text NOT NULL,
	"board_post_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	CONSTRAINT "outreach_sessions_status_known" CHECK ("outreach_sessions"."status" IN ('scheduled','recorded')),
	CONSTRAINT "outreach_sessions_record_complete" CHECK (("outreach_sessions"."status" = 'recorded') = ("outreach_sessions"."record" IS NOT NULL AND "outreach_sessions"."recorded_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "points_entries" DROP CONSTRAINT "points_entries_reason_known";--> statement-breakpoint
ALTER TABLE "board_posts" DROP CONSTRAINT "board_posts_kind_known";--> statement-breakpoint
ALTER TABLE "outreach_attendance" ADD CONSTRAINT "outreach_attendance_session_id_outreach_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."outreach_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_attendance" ADD CONSTRAINT "outreach_attendance_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_attendance" ADD CONSTRAINT "outreach_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_attendance" ADD CONSTRAINT "outreach_attendance_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_plans" ADD CONSTRAINT "outreach_plans_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_plans" ADD CONSTRAINT "outreach_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_session_photos" ADD CONSTRAINT "outreach_session_photos_session_id_outreach_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."outreach_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_session_photos" ADD CONSTRAINT "outreach_session_photos_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_sessions" ADD CONSTRAINT "outreach_sessions_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_sessions" ADD CONSTRAINT "outreach_sessions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_sessions" ADD CONSTRAINT "outreach_sessions_board_post_id_board_posts_id_fk" FOREIGN KEY ("board_post_id") REFERENCES "public"."board_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_sessions" ADD CONSTRAINT "outreach_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_sessions" ADD CONSTRAINT "outreach_sessions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outreach_attendance_household_idx" ON "outreach_attendance" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_sessions_code_uq" ON "outreach_sessions" USING btree ("check_in_code");--> statement-breakpoint
CREATE INDEX "outreach_sessions_unit_path_idx" ON "outreach_sessions" USING btree ("unit_path" text_pattern_ops,"starts_at");--> statement-breakpoint
CREATE INDEX "outreach_sessions_community_quarter_idx" ON "outreach_sessions" USING btree ("community_id","quarter");--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_reason_known" CHECK ("points_entries"."reason" IN ('report_accepted','vote_cast','meeting_attended','volunteer_hours','manual_award','redemption','refund','correction','outreach_attended'));--> statement-breakpoint
ALTER TABLE "board_posts" ADD CONSTRAINT "board_posts_kind_known" CHECK ("board_posts"."kind" IN ('poll_result','resolution','repair','fund_use','points_table','report_stats','annual_project','outreach'));