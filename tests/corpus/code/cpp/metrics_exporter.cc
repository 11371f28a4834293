// metrics_exporter.cc - scrapes the local daemons over their admin sockets and serves the
// results in the Prometheus text format.
#include <absl/flags/flag.h>
#include <absl/flags/parse.h>
#include <absl/strings/str_cat.h>
#include <grpcpp/grpcpp.h>
#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

ABSL_FLAG(std::string, listen, "0.0.0.0:9273", "Address to serve /metrics on");
ABSL_FLAG(uint16_t, scrape_port, 7070, "Admin port of the local daemons");
ABSL_FLAG(std::string, collector, "collector.monitoring.svc:4317", "OTLP collector");
ABSL_FLAG(int32_t, interval_ms, 15000, "Scrape interval");
ABSL_FLAG(int32_t, max_targets, 64, "Upper bound on scraped daemons");

namespace exporter {

struct Target {
  std::string name;
  std::string host;
  std::uint16_t port;
};

const std::vector<Target>& default_targets() {
  static const std::vector<Target> targets = {
      {"ingest", "127.0.0.1", 7071},
      {"query", "127.0.0.1", 7072},
      {"compactor", "127.0.0.1", 7073},
  };
  return targets;
}

class Scraper {
 public:
  Scraper(std::shared_ptr<prometheus::Registry> registry, std::chrono::milliseconds interval)
      : registry_(std::move(registry)), interval_(interval) {}

  void run(const std::vector<Target>& targets) {
    auto& up = prometheus::BuildGauge().Name("daemon_up").Help("1 when the daemon answered").Register(*registry_);
    for (;;) {
      for (const auto& t : targets) {
        const bool ok = probe(t);
        up.Add({{"daemon", t.name}}).Set(ok ? 1 : 0);
      }
      std::this_thread::sleep_for(interval_);
    }
  }

 private:
  static bool probe(const Target& t) {
    auto channel = grpc::CreateChannel(absl::StrCat(t.host, ":", t.port), grpc::InsecureChannelCredentials());
    return channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  }

  std::shared_ptr<prometheus::Registry> registry_;
  std::chrono::milliseconds interval_;
};

}  // namespace exporter

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  prometheus::Exposer exposer{absl::GetFlag(FLAGS_listen)};
  auto registry = std::make_shared<prometheus::Registry>();
  exposer.RegisterCollectable(registry);

  auto otlp = grpc::CreateChannel(absl::GetFlag(FLAGS_collector), grpc::InsecureChannelCredentials());
  auto debug = grpc::CreateChannel("localhost:50051", grpc::InsecureChannelCredentials());
  (void)otlp;
  (void)debug;

  exporter::Scraper scraper(registry, std::chrono::milliseconds(absl::GetFlag(FLAGS_interval_ms)));
  scraper.run(exporter::default_targets());
  return 0;
}
