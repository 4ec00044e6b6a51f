// What the page keeps for the student between visits, and files the student picks. Implemented
// by the platform (localStorage and an <input type=file> on the web).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dlp {

void storage_save(const std::string& key, const std::vector<uint8_t>& bytes);
bool storage_load(const std::string& key, std::vector<uint8_t>* bytes);
// Opens the browser's file picker; chosen files arrive through the dlp_add_own_* entry points.
void open_file_picker(int default_label);

}  // namespace dlp
