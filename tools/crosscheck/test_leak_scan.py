#!/usr/bin/env python3
"""Unit tests of leak_scan.py's readers and matchers (python3 tools/crosscheck/test_leak_scan.py)."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leak_scan  # noqa: E402


class LeakScanTest(unittest.TestCase):

    def test_the_reference_examples_check_and_a_changed_character_does_not(self):
        self.assertTrue(leak_scan.valid_id_number("11010519491231002X"))
        self.assertTrue(leak_scan.valid_id_number("440524188001010014"))
        self.assertFalse(leak_scan.valid_id_number("110105194912310021"))
        self.assertFalse(leak_scan.valid_id_number("110105194902310020"), "31 February")

    def test_an_id_number_is_found_alone_or_leading_a_certificate_number_but_not_inside_other_digits(self):
        names = set()
        self.assertEqual(leak_scan.hits_in(b'{"id":"11010519491231002X"}', names, []), [("id_number", "11010519491231002X")])
        self.assertEqual(leak_scan.hits_in(b"c=1101051949123100" + b"2X" + b"14,", names, []),
                         [("id_number", "11010519491231002X")])
        self.assertEqual(leak_scan.hits_in(b"9911010519491231002X", names, []), [])

    def test_a_name_is_found_inside_a_run_of_chinese_characters(self):
        names = {"谢轩涵"}
        self.assertEqual(leak_scan.hits_in("备注:谢轩涵已迁出".encode("utf-8"), names, [3]), [("name", "谢轩涵")])
        self.assertEqual(leak_scan.hits_in("谢轩".encode("utf-8"), names, [3]), [])

    def test_snappy_literals_and_overlapping_copies(self):
        # 12 bytes: literal "abc", then a copy of 9 bytes from offset 3 (overlapping what it writes)
        self.assertEqual(leak_scan.snappy_decompress(bytes([12, 0x08]) + b"abc" + bytes([0x15, 0x03])), b"abcabcabcabc")
        with self.assertRaises(ValueError):
            leak_scan.snappy_decompress(bytes([13, 0x08]) + b"abc" + bytes([0x15, 0x03]))

    def test_names_come_from_the_name_columns_of_the_landing_in_either_encoding(self):
        with tempfile.TemporaryDirectory() as landing:
            os.makedirs(os.path.join(landing, "health/residents"))
            with open(os.path.join(landing, "health/residents/residents_2024.csv"), "w", encoding="utf-8-sig") as out:
                out.write("档案编号,身份证号,姓名\nHZ1,11010519491231002X,谢轩涵\n")
            os.makedirs(os.path.join(landing, "insurance/enrolments"))
            with open(os.path.join(landing, "insurance/enrolments/enrolments_2024_330102.txt"), "wb") as out:
                out.write("证件号码|姓名\n440524188001010014|高明\n".encode("gbk"))
            names, files = leak_scan.landing_names(landing)
        self.assertEqual(names, {"谢轩涵", "高明"})
        self.assertEqual(files, 2)

    def test_the_restricted_zone_of_a_warehouse_root_is_not_walked(self):
        with tempfile.TemporaryDirectory() as root:
            for relative in ("restricted/bronze/a.txt", "analytics/silver/b.txt"):
                os.makedirs(os.path.dirname(os.path.join(root, relative)), exist_ok=True)
                with open(os.path.join(root, relative), "w") as out:
                    out.write("11010519491231002X")
            files, hits, unreadable = leak_scan.scan([root], set(), skip_restricted=True)
        self.assertEqual((files, len(hits), unreadable), (1, 1, []))
        self.assertTrue(hits[0][0].endswith("analytics/silver/b.txt"))


if __name__ == "__main__":
    unittest.main()
