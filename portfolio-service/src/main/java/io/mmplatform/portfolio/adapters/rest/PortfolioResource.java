package io.mmplatform.portfolio.adapters.rest;

import io.mmplatform.portfolio.adapters.db.PortfolioStore;
import io.mmplatform.portfolio.config.PortfolioConfig;
import io.mmplatform.portfolio.domain.PositionBook;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Positions and fills as stored in PostgreSQL; unrealized PnL at the latest mark from md.reference. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

    @Inject
    PortfolioStore store;

    @Inject
    PositionBook book;

    @Inject
    PortfolioConfig config;

    /** All positions, or those of one wallet ({@code ?wallet=} address, any case, or wallet id). */
    @GET
    @Path("/positions")
    public Uni<List<PositionView>> positions(@QueryParam("wallet") String wallet) {
        var rows = wallet == null || wallet.isBlank() ? store.positions() : store.positionsOf(wallet.trim());
        return rows.map(list -> list.stream()
                .map(p -> PositionView.of(p, book.markOf(p.market()).orElse(null)))
                .toList());
    }

    /** The most recent fills first ({@code ?limit=}, default portfolio.fills-default-limit; {@code ?wallet=}). */
    @GET
    @Path("/fills")
    public Uni<List<FillView>> fills(@QueryParam("limit") String limit, @QueryParam("wallet") String wallet) {
        int n = config.fillsDefaultLimit();
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("limit must be an integer between 1 and " + config.fillsMaxLimit());
            }
            if (n < 1 || n > config.fillsMaxLimit()) {
                throw new BadRequestException("limit must be between 1 and " + config.fillsMaxLimit() + ", got " + n);
            }
        }
        return store.recentFills(n, wallet == null || wallet.isBlank() ? null : wallet.trim())
                .map(list -> list.stream().map(FillView::of).toList());
    }
}
