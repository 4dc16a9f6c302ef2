"""The wfl language: grammar, lexer, error-tolerant parser, checker and formatter."""
