CREATE TABLE "ballot_requests" (
	"user_id" uuid NOT NULL,
	"poll_id" uuid NOT NULL,
	"key" text NOT NULL,
	"ballot_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballot_requests_pk" PRIMARY KEY("user_id","poll_id","key")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"choices" text[] NOT NULL,
	"channel" text NOT NULL,
	"receipt" text NOT NULL,
	"nonce" text NOT NULL,
	"entered_by" uuid NOT NULL,
	"serial_number" text,
	"photo_ref" text,
	"cast_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"superseded_by" uuid,
	CONSTRAINT "ballots_channel_known" CHECK ("ballots"."channel" IN ('online','paper','door')),
	CONSTRAINT "ballots_has_choice" CHECK (cardinality("ballots"."choices") >= 1)
);
--> statement-breakpoint
CREATE TABLE "points_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"user_id" uuid,
	"reason" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_electorate" (
	"poll_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"area_hundredths" bigint NOT NULL,
	CONSTRAINT "poll_electorate_pk" PRIMARY KEY("poll_id","household_id"),
	CONSTRAINT "poll_electorate_area_nonneg" CHECK ("poll_electorate"."area_hundredths" >= 0)
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"options" jsonb NOT NULL,
	"min_choices" integer NOT NULL,
	"max_choices" integer NOT NULL,
	"multi" boolean NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"voter_rule" text NOT NULL,
	"allow_change" boolean NOT NULL,
	"tally_visibility" text NOT NULL,
	"rule" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_reason" text,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"certified_tally" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "polls_status_known" CHECK ("polls"."status" IN ('draft','open','closed','cancelled')),
	CONSTRAINT "polls_voter_rule_known" CHECK ("polls"."voter_rule" IN ('head','adult')),
	CONSTRAINT "polls_tally_visibility_known" CHECK ("polls"."tally_visibility" IN ('live','after_close')),
	CONSTRAINT "polls_choices_range" CHECK ("polls"."min_choices" >= 1 AND "polls"."min_choices" <= "polls"."max_choices"),
	CONSTRAINT "polls_times_ordered" CHECK ("polls"."opens_at" < "polls"."closes_at")
);
--> statement-breakpoint
ALTER TABLE "ballot_requests" ADD CONSTRAINT "ballot_requests_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_electorate_fk" FOREIGN KEY ("poll_id","household_id") REFERENCES "public"."poll_electorate"("poll_id","household_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_electorate" ADD CONSTRAINT "poll_electorate_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_electorate" ADD CONSTRAINT "poll_electorate_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_one_counted_per_household_uq" ON "ballots" USING btree ("poll_id","household_id") WHERE "ballots"."superseded_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_receipt_uq" ON "ballots" USING btree ("receipt");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_serial_uq" ON "ballots" USING btree ("poll_id","serial_number") WHERE "ballots"."serial_number" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "points_events_once_uq" ON "points_events" USING btree ("reason","source_type","source_id","household_id");--> statement-breakpoint
CREATE INDEX "points_events_community_idx" ON "points_events" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "poll_electorate_path_idx" ON "poll_electorate" USING btree ("poll_id","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "polls_unit_path_idx" ON "polls" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "polls_status_idx" ON "polls" USING btree ("status","opens_at","closes_at");--> statement-breakpoint
CREATE INDEX "ballots_poll_idx" ON "ballots" USING btree ("poll_id");--> statement-breakpoint
COMMENT ON TABLE "points_events" IS 'Facts that earn points, written by the module where they happen in the same transaction (polls: reason vote_cast, source_type poll, source_id = poll id). One per (reason, source_type, source_id, household_id); the points module turns them into ledger entries.';--> statement-breakpoint
COMMENT ON TABLE "ballots" IS 'One household, one vote: at most one row per (poll_id, household_id) with superseded_at IS NULL (ballots_one_counted_per_household_uq). Choices are never shown with household_id outside the household.';--> statement-breakpoint
COMMENT ON TABLE "poll_electorate" IS 'Households eligible for a poll, frozen when it opens; area in hundredths of m2.';
