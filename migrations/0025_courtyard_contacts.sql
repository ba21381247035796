CREATE TABLE "courtyard_contacts" (
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"agreed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "courtyard_contacts_pk" PRIMARY KEY("user_id","unit_id"),
	CONSTRAINT "courtyard_contacts_phone_ck" CHECK ("courtyard_contacts"."phone" ~ '^[0-9+\- ]{5,20}$')
);
--> statement-breakpoint
ALTER TABLE "courtyard_contacts" ADD CONSTRAINT "courtyard_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courtyard_contacts" ADD CONSTRAINT "courtyard_contacts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;