-- Fills applied to positions. fill_id is the venue-unique fill id (hyperliquid:<tid>:<B|A>): its primary key makes
-- applying a fill idempotent: the fill row and the position update commit together, and a fill id is applied once.
create table fills (
    fill_id      text        primary key,
    wallet_id    text        not null,
    address      text,
    venue        text        not null,
    market       text        not null,
    side         text        not null check (side in ('BUY', 'SELL')),
    price        numeric     not null check (price > 0),
    size         numeric     not null check (size > 0),
    fee          numeric     not null,
    fee_token    text,
    liquidity    text,
    time_ms      bigint      not null,
    applied_at   timestamptz not null default now()
);

create index fills_time_idx on fills (time_ms desc, fill_id);
create index fills_wallet_market_idx on fills (wallet_id, market);

-- One row per (wallet, market): the position after every applied fill. size is signed (negative = short);
-- realized_pnl is gross of fees; fees is the sum of fill fees (negative = rebates).
create table positions (
    wallet_id    text        not null,
    market       text        not null,
    address      text,
    venue        text        not null,
    size         numeric     not null,
    avg_entry    numeric     not null,
    realized_pnl numeric     not null,
    fees         numeric     not null,
    fill_count   bigint      not null,
    updated_at   timestamptz not null,
    primary key (wallet_id, market)
);
