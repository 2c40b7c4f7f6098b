import t from 'tap'
import { readRemoteHost } from '../../../src/core/remote-host.js'

t.test('remote_host is an origin: never a path, a query or credentials', async (t) => {
  t.equal(readRemoteHost(undefined, 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'X'), 'https://dashscope.aliyuncs.com')
  t.equal(readRemoteHost('', 'https://user:sk-secret@api.example.com:8443/v1?key=sk-secret', 'X'), 'https://api.example.com:8443')
  t.equal(readRemoteHost(' https://gateway.example.com/private/route ', 'https://api.openai.com/v1', 'X'), 'https://gateway.example.com')
  t.equal(readRemoteHost('http://ollama.lan:11434', 'http://127.0.0.1:11434', 'X'), 'http://ollama.lan:11434')
})

t.test('none hides it; anything but an http(s) URL is refused with the setting\'s name', async (t) => {
  t.equal(readRemoteHost('none', 'https://api.deepseek.com', 'DEEPSEEK_REMOTE_HOST'), undefined)
  t.equal(readRemoteHost('NONE', 'https://api.deepseek.com', 'DEEPSEEK_REMOTE_HOST'), undefined)
  t.throws(() => readRemoteHost('api.deepseek.com', 'https://api.deepseek.com', 'DEEPSEEK_REMOTE_HOST'), /^DEEPSEEK_REMOTE_HOST: "api.deepseek.com" is not a URL/)
  t.throws(() => readRemoteHost('file:///etc/hosts', 'https://api.deepseek.com', 'DEEPSEEK_REMOTE_HOST'), /is not an http\(s\) URL/)
})
