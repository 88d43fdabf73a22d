package dev.recon.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Flink's local MiniCluster as recon runs it in-process: every endpoint bound to loopback. */
public final class LocalFlink {

    private LocalFlink() {}

    /** The configuration of an in-process cluster. */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.port", "0");
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        // Accumulators travel with heartbeats: report every second so progress is live.
        conf.setString("heartbeat.interval", "1000");
        return conf;
    }

    /** A local environment with {@link #configuration()}. */
    public static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration());
    }
}
