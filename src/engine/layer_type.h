// Every layer kind the spec can name is one record, a LayerType, defined beside its layer (in
// the layer's .cpp) and listed once in layer_types.cpp. The spec parser and printer, the builder
// (limits, shape rule, construction), the Model panel's editor and the PyTorch export all iterate
// these records, so adding a layer kind touches its own file, one line of the list and its test
// (docs/development.md, "Adding a layer").
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/spec.h"

namespace dlp {

class Sequence;

// A cursor over one layer's text, for the records' parsers. Words compare case-insensitively.
struct SpecCursor {
  const std::string& t;
  size_t i, end;
  const SpecLimits& limits;
  bool eat(const char* word);
  bool at_end() const { return i == end; }
  // A whole number >= 0; fails past 1e6, which every limit is far below.
  bool integer(int* v);
  // A decimal number, exponent allowed (the canonical text prints tiny rates as 1e-10).
  bool number(float* v);
  std::string word() const;  // the layer's whole text, for messages
};

// One setting the Model panel edits, described as data so the editor needs no case per kind.
struct LayerSetting {
  enum Widget { IntSlider, IntInput, FloatSlider, PaddingChoice, SpecText };
  const char* label;
  Widget widget;
  double (*get)(const LayerSpec&);
  void (*set)(LayerSpec&, double);
  double min = 0;
  int (*max)(const SpecLimits&) = nullptr;  // the same limit the builder enforces
  double max_value = 0;                     // when max is null
  std::string (*hint)(const LayerSpec&) = nullptr;
};

struct LayerType {
  const char* word;       // in the spec: "dense"
  const char* alias;      // another word accepted when reading ("fc"), or null
  const char* summary;    // one line for the editor's "add layer" menu
  int variant;            // for records that share functions (max/avg pooling, the activations)
  // What "add layer" inserts (its type is set by the list).
  LayerSpec (*defaults)();
  // Reads what follows the word (sizes, options) into l; null: nothing may follow the word.
  bool (*parse)(SpecCursor& c, LayerSpec& l, SpecError* err);
  // The canonical text; null: the word alone.
  std::string (*print)(const LayerSpec& l);
  // Checks the limits and the shape rule on this input and makes the layer, or says why not
  // (at l.pos). The layer's constructor uses the same shape rule.
  std::unique_ptr<Layer> (*build)(const LayerSpec& l, Shape in, const SpecLimits& lim, SpecError* err);
  // The PyTorch module as a Python expression, given the input shape.
  std::string (*pytorch)(const LayerSpec& l, Shape in);
  // Python source the module needs (a class), emitted once per export; "" when none.
  const char* pytorch_class;
  std::vector<LayerSetting> settings;
  // Adapts the defaults to the input where the layer is added (null: nothing to adapt).
  void (*fit)(LayerSpec& l, Shape in) = nullptr;
};

// Every layer kind, in the order the editor offers them.
const std::vector<const LayerType*>& layer_types();
// The record whose word (or alias) is exactly this, or null.
const LayerType* find_layer_type(const std::string& word);

// The shape entering layer i of the spec (i = size: what the last layer gives), or false when a
// layer before i does not build.
bool shape_before(const ModelSpec& spec, size_t i, Shape input, Shape* out);

// Helpers the records share.
// The spec text of l: its record's print, or its word.
std::string print_layer(const LayerSpec& l);
// Parses a list of layers from text[begin, end) (separated by spaces, '+' or ','; commas inside
// parentheses belong to the layer). Positions in errors are positions in text.
bool parse_layers(const std::string& text, size_t begin, size_t end, std::vector<LayerSpec>* out, SpecError* err,
                  const SpecLimits& limits);
// Builds layers one after another from an input shape, checking limits (parameters counted from
// *params on) and shapes; no check of the last layer.
bool build_layers(const std::vector<LayerSpec>& layers, Shape in, const SpecLimits& lim, Sequence* out,
                  size_t* params, SpecError* err);
// The Python expression of each layer, as "expr,  # i: shape" lines indented by `indent`.
std::string pytorch_layers(const std::vector<LayerSpec>& layers, Shape in, const std::string& indent);
// Options after conv/pool: -s<S>, -same, -valid, in any order.
bool parse_window_options(SpecCursor& c, LayerSpec& l, SpecError* err);
// The stride slider and SAME/VALID choice that convolutions and pooling share.
LayerSetting stride_setting();
LayerSetting padding_setting();
// The window limits and "the output is empty" check shared by convolution and pooling.
bool check_window(const LayerSpec& l, Shape in, int kh, int kw, const SpecLimits& lim, const char* what, SpecError* err);
// F.pad arguments (left, right, top, bottom) for SAME padding, "None" for VALID.
std::string pytorch_pad(Shape in, int kh, int kw, int stride, Padding p);
// "'<text>': " for messages about one layer.
std::string quote_layer(const LayerSpec& l);

}  // namespace dlp
