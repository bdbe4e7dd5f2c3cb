package bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** What the start-up benchmark asks a started application: is it up, and how much heap does it hold. */
@Path("/")
public class Probe {
    @GET
    @Path("ping")
    public String ping() {
        return "pong";
    }

    /** Heap in use after a full collection: what the application keeps, not what it has yet to collect. */
    @GET
    @Path("heap")
    public long heap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
