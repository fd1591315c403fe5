ALTER TABLE "visitors" ADD COLUMN "page_url" text;--> statement-breakpoint
ALTER TABLE "visitors" ADD COLUMN "language" text;