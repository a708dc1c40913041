//! CRC-16/CCITT-FALSE, the checksum of EMVCo QR payloads (tag 63).

/// CRC-16/CCITT-FALSE of `bytes`: polynomial 0x1021, initial value 0xFFFF, no reflection of
/// input or output, no final XOR (the parameters EMVCo's QR specification names after ISO/IEC
/// 13239). A VietQR payload carries it in tag 63, computed over everything before the value,
/// `"6304"` included.
///
/// ```
/// use quytrinh::vietqr::crc16_ccitt_false;
/// // The catalogue check value of CRC-16/CCITT-FALSE.
/// assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
/// assert_eq!(crc16_ccitt_false(b""), 0xFFFF);
/// ```
pub fn crc16_ccitt_false(bytes: &[u8]) -> u16 {
    const POLY: u16 = 0x1021;
    let mut crc: u16 = 0xFFFF;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 == 0 {
                crc << 1
            } else {
                (crc << 1) ^ POLY
            };
        }
    }
    crc
}
