CREATE TABLE "meeting_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"household_id" uuid,
	"user_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_attendance_someone" CHECK ("meeting_attendance"."household_id" IS NOT NULL OR "meeting_attendance"."user_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "meeting_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"topic_id" uuid,
	"previous_meeting_id" uuid,
	"resolution_method" text,
	"decision" text,
	"votes_for" integer,
	"votes_against" integer,
	"votes_abstain" integer,
	"poll_id" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	CONSTRAINT "meeting_items_kind_known" CHECK ("meeting_items"."kind" IN ('follow_up','topic','free')),
	CONSTRAINT "meeting_items_counts_nonneg" CHECK (coalesce("meeting_items"."votes_for", 0) >= 0 AND coalesce("meeting_items"."votes_against", 0) >= 0 AND coalesce("meeting_items"."votes_abstain", 0) >= 0),
	CONSTRAINT "meeting_items_resolution_shape" CHECK ("meeting_items"."resolution_method" IS NULL
    OR ("meeting_items"."resolution_method" = 'show_of_hands' AND "meeting_items"."votes_for" IS NOT NULL AND "meeting_items"."votes_against" IS NOT NULL AND "meeting_items"."votes_abstain" IS NOT NULL AND "meeting_items"."poll_id" IS NULL AND "meeting_items"."decision" IS NOT NULL)
    OR ("meeting_items"."resolution_method" = 'poll' AND "meeting_items"."poll_id" IS NOT NULL AND "meeting_items"."votes_for" IS NULL AND "meeting_items"."decision" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"host" text NOT NULL,
	"minutes" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meetings_kind_known" CHECK ("meetings"."kind" IN ('residents_council','courtyard','bench','village_representatives','workers_congress','joint'))
);
--> statement-breakpoint
CREATE TABLE "topic_cosigns" (
	"topic_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "topic_cosigns_pk" PRIMARY KEY("topic_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"source" text NOT NULL,
	"report_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"cosign_threshold" integer NOT NULL,
	"cosign_count" integer DEFAULT 0 NOT NULL,
	"meeting_id" uuid,
	"raised_by" uuid NOT NULL,
	"household_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "topics_status_known" CHECK ("topics"."status" IN ('open','on_agenda','scheduled','decided','closed')),
	CONSTRAINT "topics_source_known" CHECK ("topics"."source" IN ('resident','report','grid_visit','mailbox')),
	CONSTRAINT "topics_report_source" CHECK (("topics"."source" = 'report') = ("topics"."report_id" IS NOT NULL)),
	CONSTRAINT "topics_threshold_positive" CHECK ("topics"."cosign_threshold" >= 1),
	CONSTRAINT "topics_count_nonneg" CHECK ("topics"."cosign_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_previous_meeting_id_meetings_id_fk" FOREIGN KEY ("previous_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_cosigns" ADD CONSTRAINT "topic_cosigns_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_cosigns" ADD CONSTRAINT "topic_cosigns_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_cosigns" ADD CONSTRAINT "topic_cosigns_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_household_uq" ON "meeting_attendance" USING btree ("meeting_id","household_id") WHERE "meeting_attendance"."household_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_user_uq" ON "meeting_attendance" USING btree ("meeting_id","user_id") WHERE "meeting_attendance"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_items_position_uq" ON "meeting_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meetings_unit_starts_idx" ON "meetings" USING btree ("unit_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_unit_path_idx" ON "meetings" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "topics_unit_path_idx" ON "topics" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "topics_created_idx" ON "topics" USING btree ("created_at","id");