#version 300 es
// Diverging colormap for signed values (weights, gradients, activations): negative blue, zero
// near-white, positive red, with "Scale" mapping |v| = Scale to full colour. Values come from a
// single-channel float texture, so the colour is computed per pixel on the GPU.
precision highp float;
uniform sampler2D Values;
uniform float Scale;
uniform int Mode;  // 0: diverging (signed), 1: sequential (non-negative, black to white through red and yellow)
in vec2 Frag_UV;
out vec4 Out_Color;

vec3 diverging(float t) {  // t in [-1, 1]
  vec3 neg = vec3(0.13, 0.40, 0.78), mid = vec3(0.97, 0.97, 0.97), pos = vec3(0.80, 0.16, 0.16);
  return t < 0.0 ? mix(mid, neg, -t) : mix(mid, pos, t);
}

vec3 sequential(float t) {  // t in [0, 1]: black, red, yellow, white
  return clamp(vec3(1.5 * t, 1.5 * t - 0.4, 3.0 * t - 2.0), 0.0, 1.0);
}

void main() {
  float v = texture(Values, Frag_UV).r / max(Scale, 1e-20);
  Out_Color = vec4(Mode == 0 ? diverging(clamp(v, -1.0, 1.0)) : sequential(clamp(v, 0.0, 1.0)), 1.0);
}
