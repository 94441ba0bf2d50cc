"""Phí, lệ phí: fees collected online (VNPay protocol), at the counter (cash, VietQR), receipts and
reconciliation (issue 14)."""
