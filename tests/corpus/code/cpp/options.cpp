// options.cpp - command-line and environment configuration of the image thumbnailer.
#include "options.h"

#include <cxxopts.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

namespace thumbs {

struct Options {
  std::string listen_host = "0.0.0.0";
  std::uint16_t http_port = 8000;
  std::uint16_t metrics_port{9100};
  std::string storage_url = "s3://thumbnails";
  std::string s3_endpoint = "http://minio:9000";
  std::string cache_host = "127.0.0.1";
  int cache_port = 11211;
  unsigned workers = std::thread::hardware_concurrency();
  int max_width = 4096;
  int jpeg_quality = 85;
  bool verbose = false;
};

namespace {

std::optional<std::string> env(const char* name) {
  if (const char* v = std::getenv(name); v != nullptr && *v != '\0') return std::string(v);
  return std::nullopt;
}

}  // namespace

Options parse_options(int argc, char** argv) {
  cxxopts::Options spec("thumbs", "Image thumbnail service");
  // clang-format off
  spec.add_options()
    ("l,listen", "Address to listen on", cxxopts::value<std::string>()->default_value("0.0.0.0"))
    ("p,port", "HTTP port", cxxopts::value<std::uint16_t>()->default_value("8000"))
    ("metrics-port", "Prometheus metrics port", cxxopts::value<std::uint16_t>()->default_value("9100"))
    ("s3-endpoint", "S3 endpoint", cxxopts::value<std::string>()->default_value("http://minio:9000"))
    ("w,workers", "Worker threads (0 = one per core)", cxxopts::value<unsigned>()->default_value("0"))
    ("q,quality", "JPEG quality", cxxopts::value<int>()->default_value("85"))
    ("v,verbose", "Log every request")
    ("h,help", "Print usage");
  // clang-format on
  auto result = spec.parse(argc, argv);
  if (result.count("help")) {
    std::cout << spec.help() << std::endl;
    std::exit(0);
  }

  Options o;
  o.listen_host = result["listen"].as<std::string>();
  o.http_port = result["port"].as<std::uint16_t>();
  o.metrics_port = result["metrics-port"].as<std::uint16_t>();
  o.s3_endpoint = result["s3-endpoint"].as<std::string>();
  o.jpeg_quality = result["quality"].as<int>();
  o.verbose = result.count("verbose") > 0;
  if (const unsigned w = result["workers"].as<unsigned>(); w > 0) o.workers = w;

  if (auto host = env("MEMCACHED_HOST")) o.cache_host = *host;
  if (auto port = env("MEMCACHED_PORT")) o.cache_port = std::stoi(*port);
  if (auto port = env("PORT")) o.http_port = static_cast<std::uint16_t>(std::stoi(*port));
  if (o.jpeg_quality < 1 || o.jpeg_quality > 100) o.jpeg_quality = 85;
  return o;
}

}  // namespace thumbs
