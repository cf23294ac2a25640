"""leaflets: roster spreadsheet -> print-ready "Twój dzielnicowy" leaflets."""
