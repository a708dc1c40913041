// A small JSON reader and writer for the Kotlin suite (the JDK has none): objects become
// LinkedHashMap<String, Any?>, arrays List<Any?>, integers Long (BigInteger beyond it, written
// back digit for digit: vectors hold amounts past i64 to check they are refused), other
// numbers Double.
package quytrinh.tests

object Json {
    fun parse(text: String): Any? {
        val reader = Reader(text)
        val value = reader.value()
        reader.skipSpace()
        require(reader.pos == text.length) { "trailing characters at ${reader.pos}" }
        return value
    }

    fun write(value: Any?): String = StringBuilder().also { write(value, it) }.toString()

    private fun write(value: Any?, out: StringBuilder) {
        when (value) {
            null -> out.append("null")
            is String -> {
                out.append('"')
                for (c in value) {
                    when {
                        c == '"' -> out.append("\\\"")
                        c == '\\' -> out.append("\\\\")
                        c == '\n' -> out.append("\\n")
                        c == '\r' -> out.append("\\r")
                        c == '\t' -> out.append("\\t")
                        c < ' ' -> out.append(String.format("\\u%04x", c.code))
                        else -> out.append(c)
                    }
                }
                out.append('"')
            }
            is Boolean, is Long, is Int, is java.math.BigInteger -> out.append(value.toString())
            is Double -> out.append(if (value == Math.floor(value) && !value.isInfinite()) value.toLong().toString() else value.toString())
            is Map<*, *> -> {
                out.append('{')
                value.entries.forEachIndexed { i, (k, v) ->
                    if (i > 0) out.append(',')
                    write(k as String, out)
                    out.append(':')
                    write(v, out)
                }
                out.append('}')
            }
            is List<*> -> {
                out.append('[')
                value.forEachIndexed { i, v ->
                    if (i > 0) out.append(',')
                    write(v, out)
                }
                out.append(']')
            }
            else -> error("cannot write ${value::class}")
        }
    }

    private class Reader(val s: String) {
        var pos = 0

        fun skipSpace() {
            while (pos < s.length && s[pos].isWhitespace()) pos++
        }

        fun value(): Any? {
            skipSpace()
            require(pos < s.length) { "unexpected end" }
            return when (val c = s[pos]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> literal("true", true)
                'f' -> literal("false", false)
                'n' -> literal("null", null)
                else -> if (c == '-' || c.isDigit()) num() else error("unexpected '$c' at $pos")
            }
        }

        fun literal(word: String, v: Any?): Any? {
            require(s.startsWith(word, pos)) { "expected $word at $pos" }
            pos += word.length
            return v
        }

        fun obj(): Map<String, Any?> {
            val map = LinkedHashMap<String, Any?>()
            pos++
            skipSpace()
            if (s[pos] == '}') { pos++; return map }
            while (true) {
                skipSpace()
                val key = str()
                skipSpace()
                require(s[pos] == ':') { "expected ':' at $pos" }
                pos++
                map[key] = value()
                skipSpace()
                when (s[pos++]) {
                    ',' -> continue
                    '}' -> return map
                    else -> error("expected ',' or '}' at ${pos - 1}")
                }
            }
        }

        fun arr(): List<Any?> {
            val list = ArrayList<Any?>()
            pos++
            skipSpace()
            if (s[pos] == ']') { pos++; return list }
            while (true) {
                list.add(value())
                skipSpace()
                when (s[pos++]) {
                    ',' -> continue
                    ']' -> return list
                    else -> error("expected ',' or ']' at ${pos - 1}")
                }
            }
        }

        fun str(): String {
            require(s[pos] == '"') { "expected a string at $pos" }
            pos++
            val out = StringBuilder()
            while (true) {
                when (val c = s[pos++]) {
                    '"' -> return out.toString()
                    '\\' -> when (val e = s[pos++]) {
                        'n' -> out.append('\n')
                        't' -> out.append('\t')
                        'r' -> out.append('\r')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000c')
                        'u' -> { out.append(s.substring(pos, pos + 4).toInt(16).toChar()); pos += 4 }
                        else -> out.append(e)
                    }
                    else -> out.append(c)
                }
            }
        }

        fun num(): Any {
            val start = pos
            if (s[pos] == '-') pos++
            while (pos < s.length && (s[pos].isDigit() || s[pos] in ".eE+-")) pos++
            val text = s.substring(start, pos)
            return if (text.any { it in ".eE" }) text.toDouble() else text.toLongOrNull() ?: text.toBigInteger()
        }
    }
}
