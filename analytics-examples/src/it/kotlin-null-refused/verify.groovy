// The build failed (invoker.properties); it must have failed for the null, on the line that passes it.
def log = new File(basedir, 'build.log').text
assert log.contains('Checkout.kt:12') : 'the compile error is not on the line that passes null'
assert log =~ /(?i)type mismatch|null can not be a value|nullability mismatch|argument type mismatch/ :
        'the build failed, but not because of the null'
return true
