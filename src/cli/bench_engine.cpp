// dlp-bench: engine speed figures, the same source natively and in wasm (node).
//   GEMM GFLOP/s for the three forms on the course's shapes (tiled kernel vs scalar reference)
//   training examples/s, batch-1 latency and batch-256 throughput for the MLP and the LeNet-like net
// Usage: dlp-bench [--data-dir DIR] [--quick]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/kernels/gemm.h"
#include "engine/model.h"
#include "engine/rng.h"
#ifdef DLP_HAVE_EIGEN
#include <Eigen/Dense>
#endif

using namespace dlp;

namespace {

double now_s() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// Runs fn until at least min_s have passed; returns seconds per call.
template <class F>
double time_per_call(F fn, double min_s) {
  fn();  // warm-up
  int n = 0;
  const double t0 = now_s();
  double t;
  do { fn(); ++n; t = now_s() - t0; } while (t < min_s);
  return t / n;
}

using GemmFn = void (*)(int, int, int, const float*, int, const float*, int, float*, int, GemmEpilogue);

void bench_gemm(double min_s) {
  struct Shape { const char* what; int M, N, K; };
  const Shape shapes[] = {
      {"square 256", 256, 256, 256},
      {"MLP fwd 32x784 . 784x256", 32, 256, 784},
      {"LeNet conv2 fwd 6272x200 . 200x16", 6272, 16, 200},
      {"LeNet conv1 fwd 25088x25 . 25x8", 25088, 8, 25},
  };
  struct Form { const char* name; GemmFn fast, ref; bool at, bt; };
  const Form forms[] = {{"A*B", f32_gemm_nn, f32_gemm_nn_ref, false, false},
                        {"A^T*B", f32_gemm_tn, f32_gemm_tn_ref, true, false},
                        {"A*B^T", f32_gemm_nt, f32_gemm_nt_ref, false, true}};
  std::printf("\n| GEMM shape (M x N x K) | form | tiled GFLOP/s | scalar ref GFLOP/s | Eigen GFLOP/s |\n|---|---|---|---|---|\n");
  Rng rng(1);
  for (const Shape& s : shapes)
    for (const Form& f : forms) {
      std::vector<float> A(static_cast<size_t>(s.M) * s.K), B(static_cast<size_t>(s.K) * s.N), C(static_cast<size_t>(s.M) * s.N);
      for (float& v : A) v = rng.uniform();
      for (float& v : B) v = rng.uniform();
      const int lda = f.at ? s.M : s.K, ldb = f.bt ? s.K : s.N;
      const double flops = 2.0 * s.M * s.N * s.K;
      const double t_fast = time_per_call([&] { f.fast(s.M, s.N, s.K, A.data(), lda, B.data(), ldb, C.data(), s.N, {}); }, min_s);
      const double t_ref = time_per_call([&] { f.ref(s.M, s.N, s.K, A.data(), lda, B.data(), ldb, C.data(), s.N, {}); }, min_s / 2);
      double eigen = 0;
#ifdef DLP_HAVE_EIGEN
      using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
      Eigen::Map<const Mat> a(A.data(), f.at ? s.K : s.M, f.at ? s.M : s.K), b(B.data(), f.bt ? s.N : s.K, f.bt ? s.K : s.N);
      Eigen::Map<Mat> c(C.data(), s.M, s.N);
      const double t_eigen = time_per_call([&] {
        if (f.at) c.noalias() = a.transpose() * b;
        else if (f.bt) c.noalias() = a * b.transpose();
        else c.noalias() = a * b;
      }, min_s / 2);
      eigen = flops / t_eigen / 1e9;
#endif
      std::printf("| %s | %s | %.1f | %.1f | %.1f |\n", s.what, f.name, flops / t_fast / 1e9, flops / t_ref / 1e9, eigen);
    }
}

void bench_model(const char* name, const char* spec_text, const Dataset& train, double min_s) {
  ModelSpec spec;
  SpecError err;
  parse_spec(spec_text, &spec, &err);
  auto m = Model::create(spec, train.shape, 10, &err);
  m->init({InitKind::He, 0, 1});
  Trainer t(m.get(), &train, Normalization::Centered, Seeds{});
  TrainConfig cfg;
  for (int i = 0; i < 5; ++i) t.step(32, cfg);  // warm-up: buffers planned, caches warm
  const double train_step = time_per_call([&] { t.step(32, cfg); }, min_s);
  std::vector<float> x(train.shape.size() * 256), probs(256 * 10);
  for (int i = 0; i < 256; ++i) normalize(train.image(i), train.shape.size(), Normalization::Centered, x.data() + i * train.shape.size());
  const double one = time_per_call([&] { m->predict(x.data(), 1, probs.data()); }, min_s / 2);
  const double many = time_per_call([&] { m->predict(x.data(), 256, probs.data()); }, min_s / 2);
  std::printf("| %s | %.0f | %.3f | %.0f | %.1f |\n", name, 32 / train_step, one * 1e3, 256 / many, m->memory_bytes(32) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = DLP_DEFAULT_DATA_DIR;
  double min_s = 1.0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--data-dir") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--quick")) min_s = 0.2;
  }
#ifdef __EMSCRIPTEN__
  std::printf("dlp-bench (wasm, SIMD128, single thread)\n");
#else
  std::printf("dlp-bench (native, single thread)\n");
#endif
  bench_gemm(min_s);
  Dataset train, test;
  std::string err;
  if (!load_dataset("mnist", dir, &train, &test, &err)) { std::fprintf(stderr, "%s\n", err.c_str()); return 1; }
  std::printf("\n| model (batch 32, SGD) | training examples/s | batch-1 inference ms | batch-256 inference examples/s | planned MB at batch 32 |\n|---|---|---|---|---|\n");
  bench_model("MLP 784-256-10", "dense256 relu dense10", train, min_s);
  bench_model("LeNet-like", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", train, min_s);
  return 0;
}
