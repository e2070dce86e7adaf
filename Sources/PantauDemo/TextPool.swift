/// Indonesian copy the generated sites are written in. No sentence carries a date, a year or a
/// link: dates and links are planted deliberately, so the ground truth stays exact.
enum TextPool {
    static let postTitles = [
        "Rapat Koordinasi Penyusunan Rencana Kerja",
        "Sosialisasi Keterbukaan Informasi Publik",
        "Pelatihan Pengelola Website Perangkat Daerah",
        "Monitoring dan Evaluasi Program Kegiatan",
        "Penyaluran Bantuan Sosial kepada Warga",
        "Kunjungan Kerja Bupati Sukamaju",
        "Apel Pagi dan Pembinaan Pegawai",
        "Musyawarah Perencanaan Pembangunan",
        "Kerja Bakti Membersihkan Saluran Air",
        "Peringatan Hari Jadi Kabupaten Sukamaju",
        "Pelayanan Terpadu Keliling di Desa",
        "Sosialisasi Pencegahan Stunting",
        "Bimbingan Teknis Penyusunan Laporan Kinerja",
        "Rapat Evaluasi Pelayanan Publik",
        "Penandatanganan Perjanjian Kinerja",
        "Lomba Kebersihan Antar Kantor",
        "Pemeriksaan Kesehatan Gratis bagi Warga",
        "Penanaman Pohon Bersama Pelajar",
        "Pembinaan Kader Posyandu",
        "Forum Konsultasi Publik Rancangan Renja",
        "Pengukuhan Pengurus Karang Taruna",
        "Simulasi Tanggap Darurat Bencana",
        "Vaksinasi Hewan Peliharaan Warga",
        "Festival Budaya dan Kuliner Lokal",
        "Penyerahan Sertifikat Tanah kepada Warga",
        "Gerakan Literasi Masyarakat",
        "Survei Kepuasan Masyarakat Semester Pertama",
        "Pembahasan Rancangan Peraturan Daerah",
        "Pasar Murah Menjelang Hari Raya",
        "Pelantikan Pejabat Pengawas",
    ]

    static let sentences = [
        "Kegiatan ini dihadiri oleh para kepala bidang, kepala seksi dan staf terkait.",
        "Dalam sambutannya, pimpinan menyampaikan pentingnya koordinasi antarinstansi.",
        "Warga menyambut baik kegiatan tersebut dan berharap dapat dilaksanakan secara rutin.",
        "Acara berlangsung tertib dengan tetap memperhatikan kenyamanan peserta.",
        "Peserta mendapatkan materi dari narasumber yang berpengalaman di bidangnya.",
        "Hasil kegiatan akan menjadi bahan evaluasi untuk perencanaan berikutnya.",
        "Pemerintah daerah berkomitmen meningkatkan kualitas pelayanan kepada masyarakat.",
        "Masyarakat diimbau untuk aktif menyampaikan saran dan masukan.",
        "Kegiatan ditutup dengan sesi tanya jawab yang berlangsung hangat.",
        "Program ini merupakan bagian dari upaya mewujudkan tata kelola pemerintahan yang baik.",
        "Para camat dan lurah turut hadir untuk mendukung pelaksanaan kegiatan.",
        "Seluruh pihak diharapkan dapat bersinergi demi kemajuan daerah.",
        "Informasi lebih lanjut dapat diperoleh di kantor kami pada jam kerja.",
        "Pelaksanaan kegiatan didukung oleh anggaran pendapatan dan belanja daerah.",
        "Tim teknis melakukan pendampingan secara langsung di lapangan.",
    ]

    /// Body copy per public-information section, each well over the 40 words a present page needs.
    static func sectionText(_ section: SectionID, institution: String) -> [String] {
        switch section {
        case .ppid:
            return ["Pejabat Pengelola Informasi dan Dokumentasi (PPID) \(institution) bertugas menyimpan, mendokumentasikan, menyediakan dan memberikan pelayanan informasi publik sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.",
                    "Masyarakat dapat mengajukan permohonan informasi secara langsung di meja layanan informasi, melalui surat, maupun melalui surat elektronik. Permohonan akan ditanggapi paling lambat sepuluh hari kerja sejak diterima."]
        case .informasiBerkala:
            return ["Informasi berkala adalah informasi yang wajib disediakan dan diumumkan secara berkala paling singkat enam bulan sekali, meliputi profil badan publik, ringkasan program dan kegiatan, laporan kinerja serta laporan keuangan.",
                    "Dokumen di bawah ini dapat diunduh oleh masyarakat tanpa perlu mengajukan permohonan terlebih dahulu."]
        case .informasiSertaMerta:
            return ["Informasi serta merta adalah informasi yang dapat mengancam hajat hidup orang banyak dan ketertiban umum, sehingga wajib diumumkan tanpa penundaan.",
                    "Termasuk di dalamnya informasi tentang bencana alam, wabah penyakit, keadaan darurat, serta prosedur peringatan dini dan jalur evakuasi bagi warga di wilayah kami."]
        case .informasiSetiapSaat:
            return ["Informasi yang wajib tersedia setiap saat meliputi daftar informasi publik, hasil keputusan dan kebijakan, rencana kerja proyek, perjanjian dengan pihak ketiga, serta prosedur kerja pegawai yang berkaitan dengan pelayanan masyarakat.",
                    "Informasi tersebut dapat diperoleh dengan mengajukan permohonan kepada PPID pada jam kerja."]
        case .profil:
            return ["\(institution) merupakan unsur pelaksana urusan pemerintahan yang menjadi kewenangan daerah, dipimpin oleh seorang kepala yang berkedudukan di bawah dan bertanggung jawab kepada Bupati melalui Sekretaris Daerah.",
                    "Kantor kami melayani masyarakat setiap hari kerja dengan mengutamakan pelayanan yang cepat, tepat, transparan dan akuntabel."]
        case .visiMisi:
            return ["Visi: Terwujudnya masyarakat Kabupaten Sukamaju yang sejahtera, berdaya saing, dan berkeadilan melalui tata kelola pemerintahan yang bersih dan melayani.",
                    "Misi: meningkatkan kualitas pelayanan publik; meningkatkan kapasitas sumber daya aparatur; memperkuat partisipasi masyarakat dalam pembangunan; serta mewujudkan pengelolaan keuangan yang tertib dan transparan."]
        case .strukturOrganisasi:
            return ["Susunan organisasi \(institution) terdiri atas kepala, sekretariat yang membawahkan subbagian umum dan kepegawaian serta subbagian keuangan, beberapa bidang teknis yang masing-masing membawahkan seksi, unit pelaksana teknis, dan kelompok jabatan fungsional.",
                    "Bagan struktur organisasi ditetapkan dengan Peraturan Bupati tentang kedudukan, susunan organisasi, tugas dan fungsi serta tata kerja perangkat daerah."]
        case .standarPelayanan:
            return ["Standar pelayanan memuat persyaratan, sistem dan prosedur, jangka waktu penyelesaian, biaya atau tarif, produk pelayanan, sarana dan prasarana, kompetensi pelaksana, pengawasan internal, serta penanganan pengaduan, saran dan masukan.",
                    "Standar pelayanan ini disusun bersama masyarakat dan menjadi acuan penilaian kualitas pelayanan kami."]
        case .kontak:
            return ["Alamat kantor: Jalan Jenderal Sudirman, Sukamaju, Jawa Tengah. Jam pelayanan Senin sampai Kamis pukul 07.30 hingga 16.00 dan Jumat pukul 07.30 hingga 11.00.",
                    "Silakan hubungi kami melalui telepon atau surat elektronik di bawah ini. Pengaduan juga dapat disampaikan langsung di meja layanan informasi kantor kami."]
        }
    }

    static let emptyNotices = ["Dalam proses pembaruan.", "Halaman ini sedang dalam proses pembaruan.",
                               "Data belum tersedia.", "Segera hadir."]

    /// Turns a title into a WordPress-style slug.
    static func slug(_ title: String) -> String {
        var out = ""
        var lastDash = false
        for ch in title.lowercased() {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
                lastDash = false
            } else if !lastDash && !out.isEmpty {
                out.append("-")
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
