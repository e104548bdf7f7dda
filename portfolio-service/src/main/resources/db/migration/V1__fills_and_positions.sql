-- Fills applied to positions. fill_id is the venue-unique fill id: its primary key makes applying a fill idempotent.
create table fills (
    fill_id      varchar(200) primary key,
    wallet_id    varchar(100) not null,
    address      varchar(100),
    venue        varchar(50)  not null,
    market       varchar(50)  not null,
    side         varchar(4)   not null check (side in ('BUY', 'SELL')),
    price        numeric      not null check (price > 0),
    size         numeric      not null check (size > 0),
    fee          numeric      not null,
    fee_token    varchar(20),
    liquidity    varchar(10),
    time_ms      bigint       not null,
    applied_at   timestamptz  not null default now()
);

create index fills_time_idx on fills (time_ms desc, fill_id);
create index fills_wallet_market_idx on fills (wallet_id, market);

-- One row per (wallet, market): the position after every applied fill. Size is signed (negative = short).
create table positions (
    wallet_id    varchar(100) not null,
    market       varchar(50)  not null,
    address      varchar(100),
    venue        varchar(50)  not null,
    size         numeric      not null,
    avg_entry    numeric      not null,
    realized_pnl numeric      not null,
    fees         numeric      not null,
    fill_count   bigint       not null,
    updated_at   timestamptz  not null,
    primary key (wallet_id, market)
);
