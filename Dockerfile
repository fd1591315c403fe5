# Switchboard: one image for every role (ROLE=all|gateway|worker).
FROM node:24-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY widget ./widget
COPY console ./console

USER node
EXPOSE 3000
# Migrations run at start (serialised by an advisory lock, so replicas can start together).
CMD ["node", "--import", "tsx", "src/main.ts"]
