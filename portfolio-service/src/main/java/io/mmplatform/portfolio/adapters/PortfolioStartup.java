package io.mmplatform.portfolio.adapters;

import io.mmplatform.portfolio.adapters.db.PortfolioStore;
import io.mmplatform.portfolio.config.PortfolioConfig;
import io.mmplatform.portfolio.domain.Position;
import io.mmplatform.portfolio.domain.PositionBook;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Checks the configuration, loads the committed positions into the book and says how the service is wired. */
@ApplicationScoped
public class PortfolioStartup {
    private static final Logger LOG = Logger.getLogger(PortfolioStartup.class);

    @Inject
    PortfolioConfig config;

    @Inject
    PortfolioStore store;

    @Inject
    PositionBook book;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final AtomicBoolean loaded = new AtomicBoolean();

    // before the messaging channels start, so that the first mark already sees the stored positions
    void onStart(@Observes @Priority(10) StartupEvent event) throws Throwable {
        config.validate();
        List<Position> positions = VertxContextSupport.subscribeAndAwait(() -> store.positions());
        positions.forEach(book::putLatest);
        loaded.set(true);
        LOG.infof("portfolio-service started: database %s, Kafka %s; consumes exec.fills (DLQ exec.fills.dlq) and "
                        + "md.reference (DLQ md.reference.dlq), publishes portfolio.positions; mark publish interval %s; "
                        + "%d positions loaded (%d open)",
                withoutCredentials(databaseUrl), bootstrap, config.markPublishInterval(), positions.size(),
                positions.stream().filter(p -> !p.isFlat()).count());
        for (Position p : positions) {
            if (!p.isFlat()) {
                LOG.infof("  position %s (%s): size %s avg entry %s realized %s fees %s fills %d", p.key(),
                        p.address(), p.size(), p.avgEntry(), p.realizedPnl(), p.fees(), p.fillCount());
            }
        }
    }

    public boolean loaded() {
        return loaded.get();
    }

    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + "***@" + url.substring(at + 1) : url;
    }
}
