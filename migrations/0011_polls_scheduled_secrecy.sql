CREATE TABLE "poll_settings" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"secrecy_k" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_settings_secrecy_k_range" CHECK ("poll_settings"."secrecy_k" >= 2)
);
--> statement-breakpoint
CREATE TABLE "poll_tally_snapshots" (
	"poll_id" uuid NOT NULL,
	"voted_households" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "poll_tally_snapshots_pk" PRIMARY KEY("poll_id","voted_households")
);
--> statement-breakpoint
ALTER TABLE "polls" DROP CONSTRAINT "polls_status_known";--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "secrecy_k" integer;--> statement-breakpoint
ALTER TABLE "poll_settings" ADD CONSTRAINT "poll_settings_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_settings" ADD CONSTRAINT "poll_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_tally_snapshots" ADD CONSTRAINT "poll_tally_snapshots_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_secrecy_k_range" CHECK ("polls"."secrecy_k" IS NULL OR "polls"."secrecy_k" >= 2);--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_status_known" CHECK ("polls"."status" IN ('draft','scheduled','open','closed','cancelled'));