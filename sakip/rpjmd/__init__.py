"""RPJMD Pemda: visi, misi, tujuan, sasaran, indikator kinerja daerah, program, target dan realisasi."""
