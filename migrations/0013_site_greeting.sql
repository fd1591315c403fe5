ALTER TABLE "sites" ADD COLUMN "greeting" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "suggested_questions" text[] DEFAULT '{}'::text[] NOT NULL;