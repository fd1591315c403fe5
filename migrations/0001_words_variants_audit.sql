CREATE TABLE "filter_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"conversation_id" uuid,
	"action" text NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_words" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid,
	"word" text NOT NULL,
	"category" text NOT NULL,
	"allow" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_words_site_word_uq" UNIQUE NULLS NOT DISTINCT("site_id","word"),
	CONSTRAINT "site_words_category_check" CHECK ("site_words"."category" in ('profanity', 'politics', 'ads', 'pii', 'custom'))
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "variant" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "variant" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "endpoint" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reasoning" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "filter_policy" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "bot_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "filter_audit" ADD CONSTRAINT "filter_audit_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filter_audit" ADD CONSTRAINT "filter_audit_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_words" ADD CONSTRAINT "site_words_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "filter_audit_site_idx" ON "filter_audit" USING btree ("site_id","created_at");